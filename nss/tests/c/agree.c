/* Answers services queries through glibc's own NSS front end, with the
 * services database set to one backend (argv[1], e.g. "files" or "iana")
 * by __nss_configure_lookup, as `getent -s` does.
 *
 * Queries come on stdin, one per line; one answer line each:
 *   enum              every entry (setservent/getservent_r/endservent),
 *                     then "end N"
 *   port P PROTO      getservbyport_r(htons(P), PROTO)
 *   name NAME PROTO   getservbyname_r(NAME, PROTO)
 * PROTO "-" is NULL (any protocol). An answer is "name port/proto alias..."
 * or "-" for no entry. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <nss.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf[1 << 16];

static void print(const struct servent *s) {
    printf("%s %d/%s", s->s_name, ntohs((unsigned short)s->s_port), s->s_proto);
    for (char **a = s->s_aliases; *a; a++) printf(" %s", *a);
    putchar('\n');
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: agree BACKEND < queries\n");
        return 2;
    }
    if (__nss_configure_lookup("services", argv[1]) != 0) {
        fprintf(stderr, "agree: cannot configure services: %s\n", argv[1]);
        return 2;
    }
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *what = strtok(line, " ");
        char *key = strtok(NULL, " ");
        char *proto = strtok(NULL, " ");
        if (!what) continue;
        if (proto && strcmp(proto, "-") == 0) proto = NULL;
        struct servent ent, *res = NULL;
        int rc = 0;
        if (strcmp(what, "enum") == 0) {
            long n = 0;
            setservent(0);
            while (getservent_r(&ent, buf, sizeof buf, &res) == 0 && res) {
                print(res);
                n++;
            }
            endservent();
            printf("end %ld\n", n);
            continue;
        } else if (strcmp(what, "port") == 0 && key) {
            rc = getservbyport_r((int)htons((unsigned short)atoi(key)), proto, &ent, buf, sizeof buf, &res);
        } else if (strcmp(what, "name") == 0 && key) {
            rc = getservbyname_r(key, proto, &ent, buf, sizeof buf, &res);
        } else {
            fprintf(stderr, "agree: bad query\n");
            return 2;
        }
        if (rc != 0 && rc != ENOENT) {
            fprintf(stderr, "agree: lookup error %d\n", rc);
            return 1;
        }
        if (res) print(res); else puts("-");
    }
    return 0;
}
