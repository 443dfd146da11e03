/* U8 broken: the default handler does nothing, so SIGTERM (and SIGINT,
 * SIGABRT) no longer end the daemon.
 * wraps: dk_default_signal_handler
 */
void __wrap_dk_default_signal_handler(int signum)
{
    (void)signum;
}
