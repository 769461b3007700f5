#ifndef HYPERPAGE_CCURL_SHIM_H
#define HYPERPAGE_CCURL_SHIM_H
#include <curl/curl.h>
#endif
