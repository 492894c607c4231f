using Spectre.Console;

namespace Extractor.Cli.Commands;

/// <summary>A progress bar on a terminal when there are several items; plain work otherwise (pipes, CI).</summary>
public static class Progress
{
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
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(what, maxValue: items.Count);
                foreach (var item in items)
                {
                    task.Description = $"{what} {Path.GetFileName(item)}";
                    work(item);
                    task.Increment(1);
                }
            });
    }
}
