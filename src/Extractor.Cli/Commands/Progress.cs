using Spectre.Console;

namespace Extractor.Cli.Commands;

/// <summary>
/// A progress bar on a terminal when there are several items; plain work otherwise (pipes, CI).
/// Messages go through <see cref="Error"/>, which prints them above a running bar instead of under it,
/// so the bar never overwrites them.
/// </summary>
public static class Progress
{
    private static IAnsiConsole? _live;

    public static void ForEach(IReadOnlyList<string> items, string what, Action<string> work)
    {
        if (items.Count < 2 || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            foreach (var item in items)
            {
                work(item);
            }
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _live = console;
        try
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(what, maxValue: items.Count);
                    foreach (var item in items)
                    {
                        task.Description = Markup.Escape($"{what} {Path.GetFileName(item)}");
                        work(item);
                        task.Increment(1);
                    }
                });
        }
        finally
        {
            _live = null;
        }
    }

    /// <summary>A line on stderr: above the progress bar while one runs.</summary>
    public static void Error(string message)
    {
        if (_live is { } console)
        {
            console.WriteLine(message);
        }
        else
        {
            Console.Error.WriteLine(message);
        }
    }

    /// <summary>The closing summary of the files that could not be read (nothing when all were).</summary>
    public static void FailedSummary(IReadOnlyCollection<(string File, string Reason)> failed, int total)
    {
        if (failed.Count == 0)
        {
            return;
        }
        Console.Error.WriteLine($"{failed.Count} of {total} document(s) failed:");
        foreach (var (file, reason) in failed)
        {
            Console.Error.WriteLine($"  {file}: {reason}");
        }
    }
}
