/* host.c: host.h's choice, made once from the run's configuration. */
#include "host.h"

#include "run_config.h"

const dk_host *host(void)
{
    return run_config()->windows ? &dk_host_wine : &dk_host_unix;
}
