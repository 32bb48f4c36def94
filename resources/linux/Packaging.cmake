# The Debian package (docs/install.md): `cpack -G DEB` in a build folder writes
# gradscope_<version>_amd64.deb from the install rules. Included from the top-level CMakeLists.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gradscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Gradscope")
# Whoever builds the package is its maintainer: -DGRADSCOPE_MAINTAINER="Name <address>".
set(GRADSCOPE_MAINTAINER "Gradscope developers <developers@gradscope.org>"
    CACHE STRING "The Debian package's Maintainer field")
set(CPACK_PACKAGE_CONTACT "${GRADSCOPE_MAINTAINER}")

# Debian's policy asks every package for /usr/share/doc/NAME/copyright and changelog.gz (in
# Debian's changelog format; ours in Markdown is CHANGELOG.md beside it).
string(TIMESTAMP GRADSCOPE_CHANGELOG_DATE "%a, %d %b %Y 00:00:00 +0000" UTC)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${CMAKE_BINARY_DIR}/debian/changelog @ONLY)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/debian/changelog.gz
    COMMAND gzip -9nf -k ${CMAKE_BINARY_DIR}/debian/changelog
    DEPENDS ${CMAKE_BINARY_DIR}/debian/changelog)
add_custom_target(gradscope_debian_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/debian/changelog.gz)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright ${CMAKE_BINARY_DIR}/debian/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "learn backpropagation by watching it happen")
set(CPACK_PACKAGE_INSTALL_DIRECTORY gradscope)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# The programs and their files only: nothing else has install rules, but a subproject's might.
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};${PROJECT_NAME};ALL;/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # gradscope_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE "")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The long description, after the summary above: CPack indents it and marks the empty line as
# deb-control(5) asks.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Gradscope is a neural network laboratory for the classroom: build a network,
train it on MNIST, Fashion-MNIST or two-dimensional toy data, and watch every
weight and gradient move while it learns. The backward pass can be stepped
through one node at a time, with the chain rule in numbers; the computation
graph shows the gradient on every edge. Models can be exported to PyTorch,
Keras and ONNX.

This package holds the desktop app (gradscope) and the command line
(gradscope-cli).")
# The libraries the programs link (Qt 6, zlib, ONNX, protobuf, the C++ runtime) from
# dpkg-shlibdeps; fonts for Chinese, Qt's own translations (the buttons of standard dialogs)
# and the optional data and programs by name.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "dataset-fashion-mnist, python3-torch")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)
