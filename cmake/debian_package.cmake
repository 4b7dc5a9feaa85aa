# The Debian package: `cpack -G DEB` in a build folder (scripts/package does it all) makes
# gradepost_VERSION_ARCH.deb with the binary in /usr/bin, the man page and the bash, zsh and
# fish completions where each shell looks for them. dpkg-shlibdeps (dpkg-dev) finds the
# runtime libraries the binary links (libssl3 for libcrypto, libsqlite3, libcsv ...) and
# declares them as the package's dependencies. libcurl and libpq are opened on first use
# (dlopen), which dpkg-shlibdeps cannot see: they are declared here, and shlibdeps' list is
# appended. libcurl 7.85 brought CURLOPT_PROTOCOLS_STR.
set(GRADEPOST_PACKAGE_MAINTAINER "gradepost maintainers <gradepost@localhost>"
  CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gradepost)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "post grades to LTI 1.3 platforms (Assignment and Grade Services)")
set(CPACK_PACKAGE_DESCRIPTION
  "gradepost reads attempt exports (CSV or JSON), keeps one score per student, selects who to post against a local ledger and posts the scores to a line item of Canvas, Moodle, Blackboard, Brightspace, Sakai or Open edX, with an embedded sandbox platform for tests and CI.")
set(CPACK_PACKAGE_CONTACT ${GRADEPOST_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # gradepost_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.85.0), libpq5")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Installed paths are relative to the prefix, so the package puts them under /usr.
set(CPACK_ERROR_ON_ABSOLUTE_INSTALL_DESTINATION ON)
include(CPack)
