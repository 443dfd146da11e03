/* N1 broken: nothing tells the supervisor that the daemon is stopping.
 * wraps: dk_notify_stopping
 */
void __wrap_dk_notify_stopping(void)
{
}
