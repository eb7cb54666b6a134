# SPDX-License-Identifier: GPL-3.0-or-later
# Writes a help2man include file (OUTPUT) with a COMMANDS section: every subcommand's own
# `kstudio COMMAND --help`, so that the man page carries the usage, examples, flags and exit
# codes of each command. Run with -DKSTUDIO=<binary> -DOUTPUT=<file>.
execute_process(COMMAND "${KSTUDIO}" --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kstudio --help failed: ${rc}")
endif()
string(REGEX MATCH "Commands:\n(.*)" commands_block "${top}")
string(REGEX REPLACE "\n\n.*" "" commands_block "${CMAKE_MATCH_1}")
string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]+" names "${commands_block}")
set(text "[COMMANDS]\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND "${KSTUDIO}" ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kstudio ${name} --help failed: ${rc}")
  endif()
  # roff: backslashes become \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND text ".SS \"kstudio ${name}\"\n.nf\n${help}.fi\n")
endforeach()
file(WRITE "${OUTPUT}" "${text}")
