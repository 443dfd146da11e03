# make faults: every call on the reference's daemonize, signal and send
# paths failed in turn, with each errno it can return (scripts/faults).
FAULT_SHIM := $(BUILD)/fault_shim.so

$(FAULT_SHIM): subjects/faults/fault_shim.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -shared -fPIC -o $@.part $< -ldl && mv -f $@.part $@

all: $(FAULT_SHIM)

.PHONY: faults
faults: $(REFERENCE) $(FAULT_SHIM)
	scripts/faults
