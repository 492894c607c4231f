namespace Extractor.Server.Tests.Infrastructure;

/// <summary>Waits for a condition with a bounded timeout; the timeout is a failure, never an assertion about speed.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string what = "condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} not reached within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s; last: {value}");
            }
            await Task.Delay(100);
        }
    }
}
