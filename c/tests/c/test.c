/* The C API's named cases (issue 11), compiled with the system cc
 * (-std=c99 -Wall -Werror) against the static library: c/run-c.sh. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "iana_ports.h"

static int failures = 0;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                     \
        }                                                                   \
    } while (0)

static int same(const char *a, const char *b) {
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int main(void) {
    /* Port -> name. */
    CHECK(same(iana_service_name(8448, IANA_TCP), "matrix-fed"));
    CHECK(same(iana_service_name(6010, IANA_TCP), "x11")); /* in 6000-6063 */
    CHECK(iana_service_name(914, IANA_TCP) == NULL);
    CHECK(same(iana_service_name(914, IANA_UDP), "rift-lies"));
    CHECK(same(iana_service_name(80, IANA_TCP), "http"));
    CHECK(iana_service_name(443, 99) == NULL); /* unknown protocol */

    /* Name -> port. */
    CHECK(iana_port("BESAPI", IANA_UDP) == 3408);
    CHECK(iana_port("matrix-fed", IANA_TCP) == 8448);
    CHECK(iana_port(NULL, IANA_TCP) == -1);
    CHECK(iana_port("https", 0) == -1); /* unknown protocol */
    CHECK(iana_port("https", -6) == -1);
    CHECK(iana_port("no-such-service", IANA_TCP) == -1);
    CHECK(iana_port("\xff\xfe", IANA_TCP) == -1); /* not UTF-8 */

    /* Status. */
    CHECK(iana_status(443, IANA_TCP) == IANA_ASSIGNED);
    CHECK(iana_status(0, IANA_TCP) == IANA_RESERVED);
    CHECK(iana_status(4, IANA_UDP) == IANA_UNASSIGNED);
    CHECK(iana_status(443, 1) < 0); /* ICMP is not a transport of the registry */

    /* Specs. */
    iana_port_range out[8];
    CHECK(iana_resolve("msp/tcp", out, 8) == 2);
    CHECK(out[0].protocol == IANA_TCP && out[0].start == 18 && out[0].end == 18);
    CHECK(out[1].protocol == IANA_TCP && out[1].start == 2438 && out[1].end == 2438);
    CHECK(iana_resolve("SSH", out, 8) == 3);
    CHECK(out[2].protocol == IANA_SCTP && out[2].start == 22);
    CHECK(iana_resolve("x11/udp", out, 8) == 1);
    CHECK(out[0].protocol == IANA_UDP && out[0].start == 6000 && out[0].end == 6063);
    CHECK(iana_resolve("443", out, 1) == 4); /* counts all, writes one */
    CHECK(iana_resolve("443", NULL, 0) == 4);
    CHECK(iana_resolve("ssh/tcp/udp", out, 8) == 0);
    CHECK(iana_resolve(NULL, out, 8) == 0);

    /* Messages. */
    char msg[256];
    CHECK(iana_spec_error("ssh", msg, sizeof msg) == 0 && msg[0] == '\0');
    size_t len = iana_spec_error("htps/tcp", msg, sizeof msg);
    CHECK(len == strlen(msg));
    CHECK(strstr(msg, "did you mean `https/tcp` (443)") != NULL);
    CHECK(iana_spec_error("htps/tcp", NULL, 0) == len);
    char tiny[8];
    CHECK(iana_spec_error("htps/tcp", tiny, sizeof tiny) == len && strlen(tiny) == 7);
    CHECK(iana_spec_error(NULL, msg, sizeof msg) > 0 && same(msg, "spec is NULL"));

    /* Sizes: SIZE_MAX says "large enough"; only what there is gets written. */
    CHECK(iana_resolve("SSH", out, SIZE_MAX) == 3);
    CHECK(out[2].protocol == IANA_SCTP && out[2].start == 22);
    CHECK(iana_resolve("443", out, SIZE_MAX / sizeof out[0]) == 4);
    char big[1025];
    CHECK(iana_spec_error("htps/tcp", big, SIZE_MAX) == len && strlen(big) == len);
    CHECK(iana_spec_error("ssh", big, SIZE_MAX) == 0 && big[0] == '\0');

    /* The spec inside the output buffer. */
    char shared[1025];
    strcpy(shared, "htps/tcp");
    CHECK(iana_spec_error(shared, shared, sizeof shared) == len);
    CHECK(strstr(shared, "did you mean `https/tcp` (443)") != NULL);
    strcpy(shared + 100, "htps/tcp");
    CHECK(iana_spec_error(shared + 100, shared, SIZE_MAX) == len && strstr(shared, "htps/tcp") == shared + 1);
    iana_port_range ranges[8];
    memcpy(ranges, "SSH", 4);
    CHECK(iana_resolve((const char *)ranges, ranges, 8) == 3 && ranges[0].protocol == IANA_TCP);

    /* Control characters of the spec come back escaped (ESC, C1 CSI). */
    CHECK(iana_spec_error("443/\x1b[2J\xc2\x9b", msg, sizeof msg) > 0);
    CHECK(strchr(msg, '\x1b') == NULL && strstr(msg, "\xc2\x9b") == NULL && strstr(msg, "\\x1b[2J\\u{9b}") != NULL);

    CHECK(strlen(iana_registry_updated()) == 10);

    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("c test: all cases passed (registry of %s)\n", iana_registry_updated());
    return 0;
}
