using Kring.Benchmarks;
using Kring.Benchmarks.Benchmarks;
using Kring.Benchmarks.Commands;

// Each command or benchmark lives in its own class; add new ones to this switch.
var command = args.Length == 0 ? "all" : args[0];
try
{
    var options = new CommandLine(args.Skip(1));
    return command switch
    {
        "plan" => PlanCommand.Run(options),
        "generate" => GenerateCommand.Run(options),
        "validate" => ValidateCommand.Run(options),
        "planner" => PlannerBenchmark.Run(options),
        "grains" => await GrainsBenchmark.Run(options),
        "mail" => await MailBenchmark.Run(options),
        "live" => await LiveCommand.Run(options),
        "checkpoint" => await CheckpointBenchmark.Run(options),
        "import" => await ImportBenchmark.Run(options),
        "all" => PlannerBenchmark.Run(options) | await GrainsBenchmark.Run(options),
        _ => Usage(),
    };
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Kring.Benchmarks <command> [options]
          plan      --in INSTANCE.json --out ASSIGNMENT.json
          generate  --seed N --volunteers V --requests R --out INSTANCE.json
          validate  --in INSTANCE.json --assignment ASSIGNMENT.json
          planner   [--seed N] [--sizes stein,region,netherlands]   fill rate, time and memory of the batch planner
          grains    [--requests 1000] [--rate 100] [--duration 20]   Orleans: grain-call ceiling, matches/s on SQLite,
                    request → first offer p50/p99 at a fixed rate, matching index memory per volunteer
          mail      [--stein-rate 1] [--rate 100] [--duration 20]   offer → mail accepted by an SMTP server p50/p99,
                    storage writes per message
          live      --in INSTANCE.json --out ASSIGNMENT.json [--arrival instance|shuffled|by-start] [--arrival-rate 0]
                    [--reply-delay 200] [--decline 0] [--seed 1] [--decline-sweep]   the instance played through the grains,
                    against the batch planner, greedy and CP-SAT's optimum
          checkpoint [--sizes 100,10000,50000] [--volunteers 0]   bytes the matching shard writes per pass, by pending
          import    [--rows 1000]   a consultant's CSV import of carers through ImportDesk: elapsed time and rows/s, then the
                    same file again, which must change nothing
          all       every benchmark (the default)
        """);
    return 2;
}
