#ifndef HYPERPAGE_CCURL_SHIM_H
#define HYPERPAGE_CCURL_SHIM_H
#include <curl/curl.h>

/* libcurl's setters and getters are variadic, which Swift cannot call. These typed wrappers
 * are the only way the Swift side sets options or reads transfer information. */

/* The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks. */
typedef size_t (*hp_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode hp_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

static inline CURLcode hp_curl_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode hp_curl_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode hp_curl_easy_setopt_ptr(CURL *easy, CURLoption option, void *value) {
    return curl_easy_setopt(easy, option, value);
}

/* libcurl copies string options (except CURLOPT_POSTFIELDS), so `value` may be temporary. */
static inline CURLcode hp_curl_easy_setopt_str(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode hp_curl_easy_setopt_slist(CURL *easy, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode hp_curl_easy_setopt_func(CURL *easy, CURLoption option, hp_curl_data_callback value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode hp_curl_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLcode hp_curl_easy_getinfo_ptr(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLMcode hp_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/* Limits a transfer (and its redirects) to http and https. The string options exist from
 * libcurl 7.85; older versions keep their defaults (redirects to http, https, ftp, ftps). */
static inline void hp_curl_restrict_to_http(CURL *easy) {
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    (void)easy;
#endif
}

/* CURLMsg carries its result in a union. */
static inline CURLcode hp_curl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
