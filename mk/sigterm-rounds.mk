# make sigterm-rounds [N=10]: make check sent SIGTERM at a random moment, N
# times, must leave nothing behind, and the next make check must pass
# (scripts/sigterm-rounds; issue 25). Not part of make check: it runs make
# check N + 1 times.
.PHONY: sigterm-rounds
sigterm-rounds:
	@scripts/sigterm-rounds $(N)
