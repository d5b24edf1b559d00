/* iana_service_name / iana_port against glibc's getservbyport /
 * getservbyname, side by side in one run (c/run-c.sh bench).
 *
 * Each side answers the same queries: every port 1-1024 on tcp (by port),
 * and 32 common service names on tcp (by name). Each measurement is the
 * best of 7 rounds (the machine is shared); the ratio glibc / iana-ports
 * is what to compare, not the absolute times. glibc reads the services
 * database named by /etc/nsswitch.conf (usually the file /etc/services);
 * the header line says which. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "iana_ports.h"

static const char *const NAMES[] = {
    "ftp",     "ssh",      "telnet", "smtp",   "domain",  "http",     "kerberos", "pop3",
    "sunrpc",  "auth",     "nntp",   "ntp",    "imap",    "snmp",     "bgp",      "ldap",
    "https",   "submission", "imaps", "pop3s", "openvpn", "mysql",    "postgresql", "x11",
    "ircd",    "xmpp-client", "sip",  "nfs",    "rsync",   "ldaps",    "tftp",     "syslog",
};
#define NAME_COUNT (sizeof NAMES / sizeof NAMES[0])
#define PORTS 1024
#define ROUNDS 7

static volatile unsigned long sink;

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void iana_by_port(void) {
    for (int p = 1; p <= PORTS; p++) {
        const char *name = iana_service_name((uint16_t)p, IANA_TCP);
        sink += name != NULL ? (unsigned char)name[0] : 0;
    }
}

static void glibc_by_port(void) {
    for (int p = 1; p <= PORTS; p++) {
        struct servent *s = getservbyport(htons((uint16_t)p), "tcp");
        sink += s != NULL ? (unsigned char)s->s_name[0] : 0;
    }
}

static void iana_by_name(void) {
    for (size_t i = 0; i < NAME_COUNT; i++) {
        sink += (unsigned long)iana_port(NAMES[i], IANA_TCP);
    }
}

static void glibc_by_name(void) {
    for (size_t i = 0; i < NAME_COUNT; i++) {
        struct servent *s = getservbyname(NAMES[i], "tcp");
        sink += s != NULL ? (unsigned long)ntohs((uint16_t)s->s_port) : 0;
    }
}

/* Best time per query of `rounds` runs of `f` (each run: `repeat` passes). */
static double best_ns(void (*f)(void), int repeat, double queries) {
    double best = 1e300;
    for (int r = 0; r < ROUNDS; r++) {
        double start = now_ns();
        for (int i = 0; i < repeat; i++) {
            f();
        }
        double per = (now_ns() - start) / (repeat * queries);
        if (per < best) {
            best = per;
        }
    }
    return best;
}

static void services_source(char *out, size_t size) {
    snprintf(out, size, "(no services line: glibc default \"files\")");
    FILE *f = fopen("/etc/nsswitch.conf", "r");
    if (f == NULL) {
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "services:", 9) == 0) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, size, "/etc/nsswitch.conf \"%s\"", line);
        }
    }
    fclose(f);
}

static void count_hits(int *iana, int *glibc) {
    *iana = *glibc = 0;
    for (int p = 1; p <= PORTS; p++) {
        *iana += iana_service_name((uint16_t)p, IANA_TCP) != NULL;
        *glibc += getservbyport(htons((uint16_t)p), "tcp") != NULL;
    }
}

int main(void) {
    char source[320];
    services_source(source, sizeof source);
    FILE *services = fopen("/etc/services", "r");
    int lines = 0;
    if (services != NULL) {
        for (int c; (c = fgetc(services)) != EOF;) {
            lines += c == '\n';
        }
        fclose(services);
    }
    int iana_hits, glibc_hits;
    count_hits(&iana_hits, &glibc_hits);
    printf("glibc services database: %s; /etc/services: %s (%d lines)\n", source,
           services != NULL ? "present" : "MISSING", lines);
    printf("iana-ports registry of %s\n", iana_registry_updated());
    printf("ports 1-%d/tcp with a name: iana-ports %d, glibc %d\n\n", PORTS, iana_hits, glibc_hits);

    double ip = best_ns(iana_by_port, 200, PORTS);
    double gp = best_ns(glibc_by_port, 1, PORTS);
    double in = best_ns(iana_by_name, 2000, NAME_COUNT);
    double gn = best_ns(glibc_by_name, 10, NAME_COUNT);
    setservent(1); /* keep the file open between calls */
    double gpo = best_ns(glibc_by_port, 1, PORTS);
    double gno = best_ns(glibc_by_name, 10, NAME_COUNT);
    endservent();

    printf("%-38s %12s %12s %10s\n", "query", "iana-ports", "glibc", "glibc/iana");
    printf("%-38s %9.1f ns %9.1f ns %9.0fx\n", "port -> name (getservbyport)", ip, gp, gp / ip);
    printf("%-38s %9.1f ns %9.1f ns %9.0fx\n", "name -> port (getservbyname)", in, gn, gn / in);
    printf("%-38s %9.1f ns %9.1f ns %9.0fx\n", "port -> name, setservent(1)", ip, gpo, gpo / ip);
    printf("%-38s %9.1f ns %9.1f ns %9.0fx\n", "name -> port, setservent(1)", in, gno, gno / in);
    return 0;
}
