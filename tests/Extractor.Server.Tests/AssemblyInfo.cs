// Hangfire keeps a few process-wide statics (its log provider, filter providers) that each in-process host
// resets: hosts of different tests must not overlap, so the suite runs one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
