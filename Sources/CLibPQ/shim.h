#ifndef HYPERPAGE_CLIBPQ_SHIM_H
#define HYPERPAGE_CLIBPQ_SHIM_H
// libpq (Debian's libpq-dev); pkg-config adds /usr/include/postgresql to the search path.
#include <libpq-fe.h>
#endif
