# Kalma release builds (Linux). `make dist` puts everything into dist/:
#
#   make bundle      dist/kalma/                      PyInstaller onedir bundle (build.spec)
#   make deb         dist/kalma_VERSION_ARCH.deb      /opt/kalma, /usr/bin/kalma, menu entry
#   make tarball     dist/kalma-VERSION-linux-MACHINE.tar.gz and .run (any distribution)
#   make nsis-check  compile packaging/windows/kalma.nsi against the bundle (syntax check)
#   make smoke       offline smoke test of the tarball (tools/smoke_bundle.sh)
#   make check-windows  Qt-free tests on Windows CPython under Wine (tools/check_windows.sh)
#   make clean       remove what these targets made
#
# Needs: .venv with `pip install -e ".[dist]"`; apt: binutils (objdump; dpkg-deb is in dpkg),
# patchelf (RUNPATH clean-up), icu-devtools + gcc (ICU trim), lintian (make lint-deb), and
# nsis (makensis) for nsis-check. The Windows installer is built by
# .github/workflows/windows.yml. DEB_XZ_LEVEL=1 makes the .deb faster (and a bit bigger).

VENV        ?= .venv
PY          := $(VENV)/bin/python
PYINSTALLER := $(VENV)/bin/pyinstaller
VERSION     := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
ARCH        := $(shell dpkg --print-architecture 2>/dev/null || echo unknown)
MACHINE     := $(shell uname -m)

BUNDLE  := dist/kalma/kalma
ICONS   := build/icons/kalma.ico
DEB     := dist/kalma_$(VERSION)_$(ARCH).deb
TARBALL := dist/kalma-$(VERSION)-linux-$(MACHINE).tar.gz
RUNFILE := dist/kalma-$(VERSION)-linux-$(MACHINE).run
NSIS_OUT := build/nsis-check/kalma-setup-check.exe

# What the bundle is made of: rebuild only when one of these changed (the .qm files are
# rebuilt from the .ts sources by the recipe itself).
APP_FILES := $(shell find desktop kb -type f -not -path '*/__pycache__/*' \
               -not -name '*.pyc' 2>/dev/null) $(wildcard i18n/*.ts) \
             build.spec packaging/entry.py packaging/linux/system-libs.txt
LINUX_FILES := $(wildcard packaging/linux/*) packaging/kalma.ini.example

.PHONY: dist bundle deb tarball nsis-check msi-check lint-deb smoke check-windows clean

dist: bundle deb tarball nsis-check
	@echo "dist/ ($(VERSION)):"
	@du -sh dist/kalma $(DEB) $(TARBALL) $(RUNFILE) | sed 's/^/  /'

bundle: $(BUNDLE)
deb: $(DEB)
tarball: $(TARBALL)

$(BUNDLE): $(APP_FILES)
	@test -x $(PYINSTALLER) || { echo "PyInstaller missing: $(PY) -m pip install -e '.[dist]'" >&2; exit 2; }
	@if [ -f tools/build_i18n.py ]; then $(PY) tools/build_i18n.py --release; \
	 else echo "tools/build_i18n.py not present yet: bundling without .qm translations"; fi
	$(PYINSTALLER) --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	    build.spec
	$(PY) tools/trim_icu.py dist/kalma       # ICU data for root/en/fil only: 32 MB -> 4 MB
	$(PY) tools/bundle_extras.py dist/kalma  # RUNPATH clean-up, SBOM, third-party notices
	@touch $@
	@du -sh dist/kalma

$(ICONS): packaging/render_icons.py packaging/linux/kalma.svg $(wildcard desktop/ui/icons/kalma.svg)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/render_icons.py build/icons

$(DEB): $(BUNDLE) $(ICONS) $(LINUX_FILES)
	bash packaging/linux/build_deb.sh dist/kalma build/icons dist $(VERSION)

$(TARBALL): $(BUNDLE) $(ICONS) $(LINUX_FILES)
	bash packaging/linux/build_tarball.sh dist/kalma build/icons dist $(VERSION)

nsis-check: $(BUNDLE) $(ICONS)
	@if command -v makensis >/dev/null 2>&1; then \
	    mkdir -p $(dir $(NSIS_OUT)) && \
	    makensis -V2 -DCHECK_ONLY -DVERSION=$(VERSION) -DBUNDLE_DIR=$(CURDIR)/dist/kalma \
	        -DOUTFILE=$(CURDIR)/$(NSIS_OUT) -DICON=$(CURDIR)/$(ICONS) packaging/windows/kalma.nsi \
	    && rm -f $(NSIS_OUT) && echo "packaging/windows/kalma.nsi compiles (makensis $$(makensis -VERSION))"; \
	else echo "makensis not installed (apt-get install nsis): skipping the NSIS check"; fi

# The MSI's tables from packaging/windows/kalma.wxs, built with msitools' wixl from a
# stand-in bundle (the real MSI is built on Windows by the workflow with WiX 3).
msi-check: $(BUNDLE)
	rm -rf build/msi-check && mkdir -p build/msi-check/bundle
	cp -a dist/kalma/_internal build/msi-check/bundle/
	printf 'MZ' > build/msi-check/bundle/kalma.exe && printf 'MZ' > build/msi-check/bundle/kalma-gui.exe
	bash tools/build_msi.sh build/msi-check/bundle $(VERSION) build/msi-check/kalma-$(VERSION).msi
	msiinfo export build/msi-check/kalma-$(VERSION).msi Upgrade

lint-deb: $(DEB)
	lintian --fail-on error $(DEB)  # overrides ship in the package (packaging/linux/lintian-overrides)

smoke: $(TARBALL)
	bash tools/smoke_bundle.sh $(TARBALL)

# tests/core and tests/cli on the official Windows embeddable CPython 3.11 in Wine; installs
# Wine (apt) and downloads Python + win_amd64 wheels once, cached in build/windows/.
check-windows:
	bash tools/check_windows.sh $(PYTEST_ARGS)

clean:
	rm -rf dist build/pyinstaller build/icons build/nsis-check build/msi-check build/windows
