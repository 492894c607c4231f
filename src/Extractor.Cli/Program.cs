using Extractor.Cli.Commands;

// extractor: parse reports to JSON, evaluate against truth files, train the label model.
Console.OutputEncoding = System.Text.Encoding.UTF8;
if (args.Length == 0)
{
    Console.Error.WriteLine(Usage.Program);
    return 2;
}
if (args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(args.Length > 1 && Usage.Commands.TryGetValue(args[1], out var one) ? one : Usage.Program);
    return 0;
}
if (!Usage.Commands.TryGetValue(args[0], out var commandUsage))
{
    return Fail($"unknown command '{args[0]}'\n\n{Usage.Program}");
}
if (Usage.AsksForHelp(args.Skip(1)))
{
    Console.WriteLine(commandUsage);
    return 0;
}

try
{
    var options = CliOptions.Parse(args.Skip(1).ToArray());
    return args[0] switch
    {
        "parse" => ParseCommand.Run(options),
        "eval" => EvalCommand.Run(options),
        "layout" => LayoutCommand.Run(options),
        "train" => TrainCommand.Run(options),
        "bench" => BenchCommand.Run(options),
        _ => throw new InvalidOperationException(args[0]),
    };
}
catch (CliUsageException ex)
{
    return Fail($"{ex.Message}\n\n{commandUsage}");
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
