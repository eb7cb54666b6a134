# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb with CPack, unpacks it into a scratch root (dpkg -x, no install on the system)
# and runs the packaged kstudio from there; checks the desktop entry and AppStream metainfo.
set(scratch "${BUILD_DIR}/package-test")
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}")

execute_process(COMMAND cpack -G DEB WORKING_DIRECTORY "${BUILD_DIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed:\n${out}\n${err}")
endif()
file(GLOB debs "${BUILD_DIR}/package/kstudio_*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one kstudio .deb, found: ${debs}")
endif()
execute_process(COMMAND dpkg-deb --info ${debs} OUTPUT_VARIABLE info)
if(NOT info MATCHES "Depends:.*libqt6")
  message(FATAL_ERROR "the package declares no Qt dependency:\n${info}")
endif()
execute_process(COMMAND dpkg -x ${debs} "${scratch}/root" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dpkg -x failed")
endif()

set(root "${scratch}/root")
foreach(f usr/bin/kstudio
          usr/share/applications/io.github.kstudio.Studio.desktop
          usr/share/metainfo/io.github.kstudio.Studio.metainfo.xml
          usr/share/mime/packages/kstudio.xml
          usr/share/icons/hicolor/48x48/apps/io.github.kstudio.Studio.png
          usr/share/icons/hicolor/256x256/apps/io.github.kstudio.Studio.png
          usr/share/icons/hicolor/scalable/apps/io.github.kstudio.Studio.svg
          usr/share/man/man1/kstudio.1.gz
          usr/share/kstudio/examples/three-tier-web-app.kstudio)
  if(NOT EXISTS "${root}/${f}")
    message(FATAL_ERROR "the package lacks /${f}")
  endif()
endforeach()

execute_process(COMMAND "${root}/usr/bin/kstudio" --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^kstudio [0-9]")
  message(FATAL_ERROR "packaged kstudio --version: ${rc} ${out}")
endif()
execute_process(COMMAND "${root}/usr/bin/kstudio" export "${root}/usr/share/kstudio/examples/three-tier-web-app.kstudio"
                        --manifests - --single-file
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "kind: Namespace")
  message(FATAL_ERROR "packaged kstudio export of the bundled example: ${rc}\n${err}")
endif()

execute_process(COMMAND "${root}/usr/bin/kstudio" validate "${root}/usr/share/kstudio/examples/three-tier-web-app.kstudio"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "packaged kstudio validate of the bundled example: ${rc}\n${out}${err}")
endif()

find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
  execute_process(COMMAND ${DESKTOP_FILE_VALIDATE} "${root}/usr/share/applications/io.github.kstudio.Studio.desktop"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "desktop-file-validate:\n${out}${err}")
  endif()
endif()
find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
  execute_process(COMMAND ${APPSTREAMCLI} validate --no-net --pedantic "${root}/usr/share/metainfo/io.github.kstudio.Studio.metainfo.xml"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "appstreamcli validate:\n${out}${err}")
  endif()
endif()
message(STATUS "package: ok (${debs})")
