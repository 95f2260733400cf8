#!/bin/sh
# The `kalma` command: starts the bundle installed in @KALMA_HOME@.
exec "@KALMA_HOME@/kalma" "$@"
