/* Hostile input for libnss_iana.so.2, calling its entry points directly
 * (linked against the library), built with -fsanitize=address,undefined:
 * NULL and empty names and protocols, unknown protocols, 1 MB names, ports
 * outside 16 bits, and every buffer size from 0 up to the first that fits,
 * each buffer an exact-size heap block (at several misalignments) so that
 * AddressSanitizer stops any write past buflen. Also enumeration from
 * several threads at once. Prints "hostile: all cases passed" at the end. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <nss.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum nss_status _nss_iana_getservbyname_r(const char *name, const char *proto, struct servent *result,
                                          char *buffer, size_t buflen, int *errnop);
enum nss_status _nss_iana_getservbyport_r(int port, const char *proto, struct servent *result, char *buffer,
                                          size_t buflen, int *errnop);
enum nss_status _nss_iana_setservent(int stayopen);
enum nss_status _nss_iana_getservent_r(struct servent *result, char *buffer, size_t buflen, int *errnop);
enum nss_status _nss_iana_endservent(void);

static int failures;
#define CHECK(cond, ...)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                             \
            fprintf(stderr, __VA_ARGS__);                                                                    \
            fputc('\n', stderr);                                                                             \
            failures++;                                                                                      \
        }                                                                                                    \
    } while (0)

/* One lookup, as a closure over its arguments. */
struct query {
    enum { BY_NAME, BY_PORT, NEXT_ENTRY } kind;
    const char *name;
    int port;
    const char *proto;
};

static enum nss_status ask(const struct query *q, struct servent *s, char *buf, size_t len, int *err) {
    switch (q->kind) {
    case BY_NAME: return _nss_iana_getservbyname_r(q->name, q->proto, s, buf, len, err);
    case BY_PORT: return _nss_iana_getservbyport_r(q->port, q->proto, s, buf, len, err);
    default: return _nss_iana_getservent_r(s, buf, len, err);
    }
}

/* "name port/proto alias ..." */
static void render(const struct servent *s, char *out, size_t cap) {
    int n = snprintf(out, cap, "%s %d/%s", s->s_name, ntohs((uint16_t)s->s_port), s->s_proto);
    for (char **a = s->s_aliases; *a && n > 0 && (size_t)n < cap; a++) n += snprintf(out + n, cap - n, " %s", *a);
}

static int inside(const void *p, const char *buf, size_t len) {
    return (const char *)p >= buf && (const char *)p < buf + len;
}

/* Whether every pointer and string of `s` lies within buf[0..len). */
static int all_inside(const struct servent *s, const char *buf, size_t len) {
    if (!inside(s->s_name, buf, len) || !inside(s->s_proto, buf, len) || !inside(s->s_aliases, buf, len)) return 0;
    if (!inside(s->s_name + strlen(s->s_name), buf, len) || !inside(s->s_proto + strlen(s->s_proto), buf, len))
        return 0;
    char **a = s->s_aliases;
    for (; *a; a++) {
        if (!inside(a, buf, len) || !inside(*a, buf, len) || !inside(*a + strlen(*a), buf, len)) return 0;
    }
    return inside(a, buf, len);
}

#define GUARD 64
#define GUARD_BYTE 0x5a

static int intact(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != GUARD_BYTE) return 0;
    return 1;
}

/* The bytes the answer needs: each string with its NUL, padding to align
 * the alias pointers that follow them, and those pointers with their NULL. */
static size_t needed(const struct servent *s, const char *buf) {
    size_t strings = strlen(s->s_name) + 1 + strlen(s->s_proto) + 1, pointers = sizeof(char *);
    for (char **a = s->s_aliases; *a; a++) strings += strlen(*a) + 1, pointers += sizeof(char *);
    size_t pad = (sizeof(char *) - (uintptr_t)(buf + strings) % sizeof(char *)) % sizeof(char *);
    return strings + pad + pointers;
}

/* Every buffer size from 0 to the first that fits, at misalignments 0..7:
 * TRYAGAIN with ERANGE below it, the answer `want` at it (and with a large
 * buffer), every pointer inside the buffer. For enumeration, the cursor
 * must stay on the same entry while the buffer is too small. */
static void every_size(const struct query *q, const char *want) {
    char big[4096], answer[4096], got[4096];
    struct servent s;
    int err = 0;
    if (q->kind == NEXT_ENTRY) {
        answer[0] = 0; /* the entry at the cursor: learnt from the first fit */
    } else {
        enum nss_status st = ask(q, &s, big, sizeof big, &err);
        CHECK(st == NSS_STATUS_SUCCESS, "%s: status %d with a large buffer", want, st);
        if (st != NSS_STATUS_SUCCESS) return;
        render(&s, answer, sizeof answer);
        CHECK(strcmp(answer, want) == 0, "got \"%s\", want \"%s\"", answer, want);
    }
    for (size_t misalign = 0; misalign < 8; misalign++) {
        if (q->kind == NEXT_ENTRY && misalign > 0) break; /* one pass moves the cursor */
        for (size_t len = 0;; len++) {
            char *block = malloc(len + misalign + 1);
            char *buf = block + misalign + 1; /* exactly len bytes to the block's end */
            err = 0;
            enum nss_status st;
            if (q->kind != NEXT_ENTRY) {
                /* First with guard bytes around the buffer: the module's own
                 * stores are not instrumented unless it is built with
                 * -Zsanitizer=address (run-hostile.sh does), so check them. */
                char *guarded = malloc(len + 2 * GUARD);
                memset(guarded, GUARD_BYTE, len + 2 * GUARD);
                st = ask(q, &s, guarded + GUARD, len, &err);
                CHECK(intact(guarded, GUARD) && intact(guarded + GUARD + len, GUARD), "%s: len %zu: a write outside the buffer", want, len);
                free(guarded);
                err = 0;
            }
            st = ask(q, &s, buf, len, &err);
            if (st == NSS_STATUS_SUCCESS) {
                render(&s, got, sizeof got);
                if (q->kind == NEXT_ENTRY) strcpy(answer, got);
                CHECK(strcmp(got, answer) == 0, "len %zu: got \"%s\", want \"%s\"", len, got, answer);
                CHECK(all_inside(&s, buf, len), "%s: a pointer outside the %zu-byte buffer", answer, len);
                CHECK(len == needed(&s, buf), "%s: first fit at %zu, needs %zu", answer, len, needed(&s, buf));
                free(block);
                break;
            }
            CHECK(st == NSS_STATUS_TRYAGAIN && err == ERANGE, "%s: len %zu: status %d errno %d", want, len, st,
                  err);
            free(block);
            if (len > 4096) {
                CHECK(0, "%s: no buffer size fits", want);
                break;
            }
        }
    }
}

static void not_found(const struct query *q, const char *what) {
    char buf[1024];
    struct servent s;
    size_t sizes[] = {0, 1, 16, sizeof buf};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        int err = 0;
        enum nss_status st = ask(q, &s, buf, sizes[i], &err);
        CHECK(st == NSS_STATUS_NOTFOUND && err == ENOENT, "%s: status %d errno %d, want NOTFOUND/ENOENT", what, st,
              err);
    }
}

#define ENTRIES_MAX 100000
static char *entries[ENTRIES_MAX];
static size_t entry_count;
static pthread_mutex_t entries_lock = PTHREAD_MUTEX_INITIALIZER;

static void *enumerate(void *unused) {
    (void)unused;
    char buf[1024], line[4096];
    struct servent s;
    for (;;) {
        int err = 0;
        enum nss_status st = _nss_iana_getservent_r(&s, buf, sizeof buf, &err);
        if (st == NSS_STATUS_TRYAGAIN && err == ERANGE) {
            CHECK(0, "a 1024-byte buffer is too small for an entry");
            break;
        }
        if (st != NSS_STATUS_SUCCESS) break;
        render(&s, line, sizeof line);
        pthread_mutex_lock(&entries_lock);
        if (entry_count < ENTRIES_MAX) entries[entry_count++] = strdup(line);
        pthread_mutex_unlock(&entries_lock);
    }
    return NULL;
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    /* Answers at every buffer size. */
    struct {
        struct query q;
        const char *want;
    } found[] = {
        {{BY_NAME, "http", 0, NULL}, "http 80/tcp"},
        {{BY_NAME, "http", 0, "sctp"}, "http 80/sctp"},
        {{BY_NAME, "matrix-fed", 0, "tcp"}, "matrix-fed 8448/tcp"},
        {{BY_NAME, "BESApi", 0, NULL}, "BESApi 3408/tcp besapi"},
        {{BY_NAME, "besapi", 0, "udp"}, "BESApi 3408/udp besapi"},
        {{BY_NAME, "matrix_vnet", 0, NULL}, "matrix-vnet 4360/tcp matrix_vnet"},
        {{BY_NAME, "ethernet/ip-1", 0, "tcp"}, "EtherNet-IP-1 2222/tcp ethernet-ip-1 EtherNet/IP-1 ethernet/ip-1"},
        {{BY_PORT, NULL, 0, "tcp"}, NULL}, /* port set below */
        {{BY_PORT, NULL, 0, NULL}, NULL},
        {{BY_PORT, NULL, 0, "udp"}, NULL},
    };
    found[7].q.port = htons(2222), found[7].want = "EtherNet-IP-1 2222/tcp ethernet-ip-1 EtherNet/IP-1 ethernet/ip-1";
    found[8].q.port = htons(6010), found[8].want = "x11 6010/tcp";
    found[9].q.port = htons(3408), found[9].want = "BESApi 3408/udp besapi";
    for (size_t i = 0; i < sizeof found / sizeof *found; i++) every_size(&found[i].q, found[i].want);

    /* No answer, whatever the buffer. */
    size_t huge = 1 << 20;
    char *mb_name = malloc(huge + 1), *mb_http = malloc(huge + 1);
    memset(mb_name, 'a', huge), mb_name[huge] = 0;
    memset(mb_http, 'p', huge), memcpy(mb_http, "http", 4), mb_http[huge] = 0;
    struct {
        struct query q;
        const char *what;
    } missing[] = {
        {{BY_NAME, NULL, 0, NULL}, "NULL name"},
        {{BY_NAME, NULL, 0, "tcp"}, "NULL name, tcp"},
        {{BY_NAME, "", 0, NULL}, "empty name"},
        {{BY_NAME, "", 0, ""}, "empty name and protocol"},
        {{BY_NAME, "http", 0, ""}, "empty protocol"},
        {{BY_NAME, "http", 0, "TCP"}, "upper-case protocol"},
        {{BY_NAME, "http", 0, "icmp"}, "unknown protocol"},
        {{BY_NAME, "http", 0, "tcp "}, "protocol with a space"},
        {{BY_NAME, "HTTP", 0, NULL}, "upper-case name (glibc compares exactly)"},
        {{BY_NAME, "BESAPI", 0, NULL}, "name in a case no line has"},
        {{BY_NAME, "http ", 0, NULL}, "name with a space"},
        {{BY_NAME, "\xff\xfe", 0, NULL}, "invalid UTF-8"},
        {{BY_NAME, "ht\x80tp", 0, "tcp"}, "invalid UTF-8 inside"},
        {{BY_NAME, mb_name, 0, NULL}, "1 MB name"},
        {{BY_NAME, mb_http, 0, "tcp"}, "1 MB name starting http"},
        {{BY_NAME, "http", 0, mb_name}, "1 MB protocol"},
        {{BY_PORT, NULL, -1, NULL}, "port -1"},
        {{BY_PORT, NULL, 65536, NULL}, "port 65536"},
        {{BY_PORT, NULL, INT_MAX, "tcp"}, "port INT_MAX"},
        {{BY_PORT, NULL, INT_MIN, NULL}, "port INT_MIN"},
        {{BY_PORT, NULL, 0, NULL}, "port 80 | 0x10000"},
        {{BY_PORT, NULL, 0, "icmp"}, "port 80, unknown protocol"},
        {{BY_PORT, NULL, 0, mb_name}, "port 80, 1 MB protocol"},
        {{BY_PORT, NULL, 0, "udp"}, "port 4/udp (unassigned)"},
    };
    size_t m = sizeof missing / sizeof *missing;
    missing[m - 4].q.port = htons(80) | 0x10000;
    missing[m - 3].q.port = htons(80);
    missing[m - 2].q.port = htons(80);
    missing[m - 1].q.port = htons(4);
    for (size_t i = 0; i < m; i++) not_found(&missing[i].q, missing[i].what);

    /* NULL result, buffer or errnop: no write through them. */
    char buf[1024];
    int err = 0;
    CHECK(_nss_iana_getservbyname_r("http", NULL, NULL, buf, sizeof buf, &err) == NSS_STATUS_UNAVAIL, "NULL result");
    struct servent s;
    CHECK(_nss_iana_getservbyname_r("http", NULL, &s, NULL, 1024, &err) == NSS_STATUS_TRYAGAIN && err == ERANGE,
          "NULL buffer");
    CHECK(_nss_iana_getservbyname_r("http", NULL, &s, NULL, 0, NULL) == NSS_STATUS_TRYAGAIN, "NULL errnop");
    CHECK(_nss_iana_getservbyname_r("nope", NULL, &s, buf, sizeof buf, NULL) == NSS_STATUS_NOTFOUND, "NULL errnop");

    /* A buflen of SIZE_MAX (or past what the buffer holds) over a real
     * buffer: the module writes only what the answer needs, into the
     * buffer's first bytes (ASan stops a write past the malloc'd block). */
    {
        const char *want = "EtherNet-IP-1 2222/tcp ethernet-ip-1 EtherNet/IP-1 ethernet/ip-1";
        for (size_t at = 0; at < 8; at++) {
            char *block = malloc(256), rendered[512];
            struct servent t;
            int e = 0;
            CHECK(_nss_iana_getservbyname_r("ethernet/ip-1", "tcp", &t, block + at, SIZE_MAX, &e) ==
                      NSS_STATUS_SUCCESS, "SIZE_MAX buflen at offset %zu", at);
            render(&t, rendered, sizeof rendered);
            CHECK(strcmp(rendered, want) == 0, "SIZE_MAX buflen: %s", rendered);
            CHECK(_nss_iana_getservbyport_r(htons(2222), "tcp", &t, block + at, SIZE_MAX - at, &e) ==
                      NSS_STATUS_SUCCESS, "SIZE_MAX - %zu buflen by port", at);
            free(block);
        }
    }

    /* Enumeration: every buffer size for the first entries (the cursor
     * holds while the buffer is too small), then the whole list. */
    _nss_iana_setservent(0);
    struct query next = {NEXT_ENTRY, NULL, 0, NULL};
    for (int i = 0; i < 40; i++) every_size(&next, "next entry");
    _nss_iana_endservent();
    enumerate(NULL);
    size_t alone = entry_count;
    CHECK(alone > 10000, "only %zu entries", alone);
    char **single = malloc(alone * sizeof *single);
    memcpy(single, entries, alone * sizeof *single);
    entry_count = 0;

    /* Four threads share one cursor: together they see each entry once. */
    _nss_iana_setservent(1);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, enumerate, NULL);
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    _nss_iana_endservent();
    CHECK(entry_count == alone, "threads saw %zu entries, one thread %zu", entry_count, alone);
    qsort(single, alone, sizeof *single, by_text);
    qsort(entries, entry_count, sizeof *entries, by_text);
    for (size_t i = 0; i < alone && i < entry_count; i++) {
        if (strcmp(single[i], entries[i]) != 0) {
            CHECK(0, "threads and one thread differ: %s vs %s", entries[i], single[i]);
            break;
        }
    }
    for (size_t i = 0; i < alone; i++) free(single[i]);
    for (size_t i = 0; i < entry_count; i++) free(entries[i]);
    free(single), free(mb_name), free(mb_http);

    if (failures) {
        fprintf(stderr, "hostile: %d failures\n", failures);
        return 1;
    }
    printf("hostile: all cases passed (%zu entries)\n", alone);
    return 0;
}
