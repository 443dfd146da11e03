/* The caller matrix's own mutant: a launcher that gives up leaves the
 * output files its daemon said it had created.
 * wraps: dk__launch_made_remove
 * cells: launcher gives up
 */
void __wrap_dk__launch_made_remove(void)
{
}
