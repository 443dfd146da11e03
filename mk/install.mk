# Installing, as a C user expects: the shared and the static library, the
# header, daemoniker.pc, dkcheck and the man pages.
#
#   make install     under $(DESTDIR)$(PREFIX); PREFIX=/usr/local by default
#   make uninstall   removes every file install put there (not directories)
#
# libdaemoniker.so is built from objects of its own, compiled with -fPIC in
# $(BUILD)/pic, so the static library and the mutants (which --wrap the
# static library's calls) keep their plain objects. lib/daemoniker.map
# exports the public dk_ API alone; the soname carries the major version.
# ELF only (Linux, the BSDs); macOS would need a .dylib rule of its own.

PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL      ?= install

# The version comes from the header, the one place it is written.
dk_version_part = $(shell awk '$$1 ~ /define$$/ && $$2 == "DK_VERSION_$(1)" {print $$3}' lib/daemoniker.h)
DK_MAJOR     := $(call dk_version_part,MAJOR)
DK_LIB_VERSION := $(DK_MAJOR).$(call dk_version_part,MINOR).$(call dk_version_part,PATCH)

PIC          := $(BUILD)/pic
SONAME       := libdaemoniker.so.$(DK_MAJOR)
SHLIB_REAL   := $(BUILD)/libdaemoniker.so.$(DK_LIB_VERSION)
SHLIB        := $(BUILD)/libdaemoniker.so
PC           := $(BUILD)/daemoniker.pc
MAN_PAGES    := $(wildcard man/*.[1-9])
# man/NAME.N goes to $(MANDIR)/manN.
man_dir      = $(MANDIR)/man$(patsubst .%,%,$(suffix $(1)))
# Each public call gets a page of its own name, a link to daemoniker(3):
# the names listed in its NAME section.
MAN3_LINKS   := $(shell sed -n 's/^\.Nm \(dk_[a-z_]*\).*/\1/p' man/daemoniker.3 2>/dev/null)

all: $(SHLIB)

$(PIC)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC-PIC $<
	$(Q)$(CC) $(CFLAGS) -fPIC -MF $(@:.o=.d) -MT $@ -c $< -o $@.part && mv -f $@.part $@

# Every symbol resolved at link time (-z defs), except on FreeBSD, where
# environ is the program's (its crt1.o defines it, libc.so does not), to
# be bound when the library is loaded.
SHLIB_DEFS   := $(if $(filter FreeBSD,$(OS)),,-Wl,-z,defs)

$(SHLIB_REAL): $(patsubst %.c,$(PIC)/%.o,$(LIB_SRC)) lib/daemoniker.map
	$(SAY) LD-SO $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=lib/daemoniker.map $(SHLIB_DEFS) \
	    -o $@.part $(filter %.o,$^) $(LDLIBS) && mv -f $@.part $@

# The two links a build tree needs too: the soname for running, the bare
# name for linking with -ldaemoniker.
$(SHLIB): $(SHLIB_REAL)
	$(Q)ln -sf $(notdir $(SHLIB_REAL)) $(BUILD)/$(SONAME)
	$(Q)ln -sf $(SONAME) $@

# A LIBDIR the loader does not search by itself (PREFIX=$HOME/x, say) goes
# into the programs built with pkg-config as their rpath, so that they run
# as built, with no LD_LIBRARY_PATH or ldconfig; the system's own library
# directories get none (Debian's policy, and nothing to find there).
SYSTEM_LIBDIRS := /lib /lib64 /usr/lib /usr/lib64 \
                  $(addprefix /usr/lib/,$(shell $(CC) -print-multiarch 2>/dev/null))
comma         := ,
PC_RPATH       = $(if $(filter $(LIBDIR),$(SYSTEM_LIBDIRS)),,-Wl$(comma)-rpath$(comma)$${libdir} )

# Regenerated on every call (PREFIX may differ from the last one), replaced
# only when its text changed.
$(PC): daemoniker.pc.in lib/daemoniker.h dk-pc-always
	@mkdir -p $(dir $@)
	@sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(DK_LIB_VERSION)|' \
	    -e 's|@RPATH@|$(PC_RPATH)|' daemoniker.pc.in > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

.PHONY: install uninstall dk-pc-always
dk-pc-always:

install: $(SHLIB) $(LIB) $(DKCHECK) $(PC)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) \
	    $(sort $(foreach p,$(MAN_PAGES),$(DESTDIR)$(call man_dir,$(p))))
	$(INSTALL) -m 755 $(DKCHECK) $(DESTDIR)$(BINDIR)/dkcheck
	$(INSTALL) -m 755 $(SHLIB_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHLIB_REAL)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libdaemoniker.so
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/
	$(INSTALL) -m 644 lib/daemoniker.h $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 644 $(PC) $(DESTDIR)$(PKGCONFIGDIR)/
	$(foreach p,$(MAN_PAGES),$(INSTALL) -m 644 $(p) $(DESTDIR)$(call man_dir,$(p))/ &&) true
	@# A link, not a ".so" page: ".so man3/..." is read relative to the man
	@# root, which man -l FILE has not (the working directory stands in).
	@for name in $(MAN3_LINKS); do \
	    ln -sf daemoniker.3 $(DESTDIR)$(MANDIR)/man3/$$name.3 || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dkcheck \
	    $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB_REAL)) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libdaemoniker.so $(DESTDIR)$(LIBDIR)/libdaemoniker.a \
	    $(DESTDIR)$(INCLUDEDIR)/daemoniker.h $(DESTDIR)$(PKGCONFIGDIR)/daemoniker.pc \
	    $(foreach p,$(MAN_PAGES),$(DESTDIR)$(call man_dir,$(p))/$(notdir $(p))) \
	    $(foreach name,$(MAN3_LINKS),$(DESTDIR)$(MANDIR)/man3/$(name).3)

-include $(shell find $(PIC) -name '*.d' 2>/dev/null)
