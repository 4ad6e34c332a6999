using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// One real Kring program (Kring.Silo.dll or Kring.Web.dll) run with `dotnet` from the test's output folder, as a
/// deployment runs it. Standard output and error go, line by line, to a log file that stays behind as a test artefact.
/// </summary>
public sealed class KringProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _gate = new();
    private bool _disposed;
    private bool _exited;

    private KringProcess(string name, Process process, StreamWriter log, string logFile, Uri address)
    {
        Name = name;
        _process = process;
        _log = log;
        LogFile = logFile;
        Address = address;
    }

    public string Name { get; }
    public string LogFile { get; }
    /// <summary>The program's HTTP address: the web's pages and API, or a silo's health endpoints.</summary>
    public Uri Address { get; }
    public bool HasExited => _exited || _process.HasExited;

    /// <summary>Starts `dotnet {program}.dll {arguments}` in <paramref name="workingDirectory"/> with these extra environment
    /// variables.</summary>
    public static KringProcess Start(string name, string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string logFile, Uri address)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, program + ".dll");
        foreach (var required in new[] { dll, Path.ChangeExtension(dll, ".runtimeconfig.json"), Path.ChangeExtension(dll, ".deps.json") })
        {
            if (!File.Exists(required))
            {
                throw new InvalidOperationException($"{required} is missing: the test project must reference " +
                    $"src/{program}/{program}.csproj so the program is built next to the tests.");
            }
        }
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log.WriteLine($"# {DateTimeOffset.Now:O} dotnet {string.Join(' ', start.ArgumentList)}");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new KringProcess(name, process, log, logFile, address);
        process.OutputDataReceived += (_, e) => started.Write(e.Data);
        process.ErrorDataReceived += (_, e) => started.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started.Write($"# pid {process.Id}");
        return started;
    }

    /// <summary>Polls /health/ready (bounded) until it answers 200; fails at once when the process has ended.</summary>
    public async Task WaitReady(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        string last = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before it was ready. Its log: {LogFile}\n{Tail()}");
            }
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.GetType().Name + ": " + e.Message;
            }
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"{Name} was not ready after {timeout.TotalSeconds:0} s (last: {last}). Its log: {LogFile}\n{Tail()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>kill -9: the process and anything it started end at once, without any chance to clean up.</summary>
    public void Kill()
    {
        Write($"# {DateTimeOffset.Now:O} test: kill -9");
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(ExitPatience)) throw new TimeoutException($"{Name} did not end after SIGKILL.");
        _process.WaitForExit(); // lets the last output reach the log
    }

    /// <summary>An orderly stop, as systemd does it: SIGTERM, then SIGKILL if the program has not ended within the grace period.</summary>
    public async Task Stop(TimeSpan? grace = null)
    {
        if (_process.HasExited) return;
        Write($"# {DateTimeOffset.Now:O} test: SIGTERM");
        if (SendSignal(_process.Id, SigTerm) != 0) throw new InvalidOperationException(
            $"Could not send SIGTERM to {Name} ({_process.Id}).");
        using var patience = new CancellationTokenSource(grace ?? ExitPatience);
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Write($"# {DateTimeOffset.Now:O} test: no exit after SIGTERM, killing");
            Kill();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        try
        {
            if (!_process.HasExited) Kill();
        }
        finally
        {
            _exited = _process.HasExited;
            _process.Dispose();
            lock (_gate) _log.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            if (_log.BaseStream.CanWrite) _log.WriteLine(line);
        }
    }

    /// <summary>The dotnet host that runs the tests (DOTNET_HOST_PATH, set by `dotnet test`), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
