/* H5 broken: the launcher's signal mask and ignored signals are kept.
 * wraps: dk__reset_signals
 */
void __wrap_dk__reset_signals(void)
{
}
