#!/bin/sh
# Chromium's --renderer-cmd-prefix: starts each renderer (pages, content scripts, the extension's
# worker) under libfaketime so its wall clock is the fixture's. The browser process keeps the
# real clock. FAKETIME and the FAKETIME_* knobs come from the browser's environment.
export LD_PRELOAD="$BATON_FAKETIME_LIB"
exec "$@"
