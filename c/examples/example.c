#include <stdio.h>
#include "iana_ports.h"

int main(void) {
    printf("8448/tcp: %s\n", iana_service_name(8448, IANA_TCP));
    printf("besapi/udp: %d\n", (int)iana_port("besapi", IANA_UDP));
    iana_port_range r[8];
    size_t n = iana_resolve("msp/tcp", r, 8);
    for (size_t i = 0; i < n && i < 8; i++) printf("msp/tcp: proto %d, ports %u-%u\n", r[i].protocol, r[i].start, r[i].end);
    char why[200];
    if (iana_resolve("htps/tcp", r, 8) == 0 && iana_spec_error("htps/tcp", why, sizeof why)) printf("%s\n", why);
    return 0;
}
