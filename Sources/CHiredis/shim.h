#ifndef HYPERPAGE_CHIREDIS_SHIM_H
#define HYPERPAGE_CHIREDIS_SHIM_H
// hiredis 0.14 (Debian's libhiredis-dev): the synchronous context API, used from dedicated
// threads only, never from the async runtime's executors.
#include <hiredis/hiredis.h>
#endif
