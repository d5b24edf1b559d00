/* getservbyname_r and getservbyport_r through glibc's NSS front end, with
 * the services database set to one backend (argv[1]: "iana" or "files",
 * as `getent -s` sets it). Queries come on stdin, "name port/proto" per
 * line; each is asked by name and by port, round after round, for about
 * argv[3] seconds of CPU each way. Prints "<label> byname <ns> byport <ns>"
 * in CPU nanoseconds per lookup (this thread's CPU time, user and system,
 * so that other load on a shared machine does not count) and fails if any
 * query goes unanswered; for "iana" also "direct ...": the module's entry
 * points called directly, without glibc's NSS front end. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netdb.h>
#include <nss.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_QUERIES 1024

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* The module's entry points, for the "direct" row: its own cost without
 * glibc's NSS front end. */
typedef enum nss_status (*byname_fn)(const char *, const char *, struct servent *, char *, size_t, int *);
typedef enum nss_status (*byport_fn)(int, const char *, struct servent *, char *, size_t, int *);
static byname_fn module_byname;
static byport_fn module_byport;

static char names[MAX_QUERIES][64], protos[MAX_QUERIES][8];
static int ports[MAX_QUERIES];
static size_t count;

/* ns per lookup: whole rounds over the queries until `seconds` pass. */
static double measure(int by_port, int direct, double seconds) {
    static char buf[4096];
    struct servent ent, *res;
    int err;
    long lookups = 0;
    double start = now(), end;
    do {
        for (size_t i = 0; i < count; i++) {
            res = NULL;
            if (direct && by_port)
                res = module_byport(htons(ports[i]), protos[i], &ent, buf, sizeof buf, &err) == NSS_STATUS_SUCCESS ? &ent : NULL;
            else if (direct)
                res = module_byname(names[i], protos[i], &ent, buf, sizeof buf, &err) == NSS_STATUS_SUCCESS ? &ent : NULL;
            else if (by_port)
                getservbyport_r(htons(ports[i]), protos[i], &ent, buf, sizeof buf, &res);
            else
                getservbyname_r(names[i], protos[i], &ent, buf, sizeof buf, &res);
            if (!res) {
                fprintf(stderr, "bench: no answer for %s %d/%s\n", names[i], ports[i], protos[i]);
                exit(1);
            }
        }
        lookups += count;
        end = now();
    } while (end - start < seconds);
    return (end - start) * 1e9 / lookups;
}

int main(int argc, char **argv) {
    if (argc != 4 || __nss_configure_lookup("services", argv[1]) != 0) {
        fprintf(stderr, "usage: bench BACKEND LABEL SECONDS < queries\n");
        return 2;
    }
    char line[256];
    while (count < MAX_QUERIES && fgets(line, sizeof line, stdin))
        if (sscanf(line, "%63s %d/%7s", names[count], &ports[count], protos[count]) == 3) count++;
    if (count == 0) {
        fprintf(stderr, "bench: no queries\n");
        return 2;
    }
    double seconds = atof(argv[3]);
    double by_name = measure(0, 0, seconds), by_port = measure(1, 0, seconds);
    printf("%s byname %.0f byport %.0f\n", argv[2], by_name, by_port);
    if (strcmp(argv[1], "iana") == 0) {
        void *module = dlopen("libnss_iana.so.2", RTLD_NOW);
        module_byname = module ? (byname_fn)dlsym(module, "_nss_iana_getservbyname_r") : NULL;
        module_byport = module ? (byport_fn)dlsym(module, "_nss_iana_getservbyport_r") : NULL;
        if (!module_byname || !module_byport) {
            fprintf(stderr, "bench: cannot load the module: %s\n", dlerror());
            return 1;
        }
        by_name = measure(0, 1, seconds), by_port = measure(1, 1, seconds);
        printf("direct byname %.0f byport %.0f\n", by_name, by_port);
    }
    return 0;
}
