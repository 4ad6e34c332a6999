using Kring.Benchmarks.Instances;

namespace Kring.Benchmarks.Commands;

/// <summary>generate --seed N --volunteers V --requests R --out FILE [--days 1..7]</summary>
public static class GenerateCommand
{
    public static int Run(CommandLine options)
    {
        var instance =
            InstanceGenerator.Generate(options.Number("seed", 1), options.Number("volunteers", 150), options.Number("requests", 300),
            options.Number("days", 7));
        var path = options.Required("out");
        instance.Write(path);
        Console.WriteLine($"wrote {path}: {instance.Villages.Count} villages, {instance.Volunteers.Count} volunteers, " +
            $"{instance.Requests.Count} requests");
        return 0;
    }
}
