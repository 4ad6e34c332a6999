using Kring.Grains;

namespace Kring.Cluster.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);
    Task<int> Get();
}

/// <summary>Keeps a number in Kring's grain storage, so a test can see it come back from PostgreSQL.</summary>
public sealed class CounterGrain([PersistentState("counter", KringStorage.Name)] IPersistentState<CounterState> state) : Grain,
    ICounterGrain
{
    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan due, TimeSpan period);
    /// <summary>The silos on which the reminder has ticked, as SiloAddress strings.</summary>
    Task<List<string>> TickedOn();
}

/// <summary>Registers a reminder and records, in grain storage, on which silo each tick arrived.</summary>
public sealed class ReminderProbeGrain(
    [PersistentState("probe", KringStorage.Name)] IPersistentState<ProbeState> state, ILocalSiloDetails silo) : Grain, IReminderProbeGrain,
        IRemindable
{
    public const string Reminder = "probe";

    public Task Arm(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(Reminder, due, period);

    public Task<List<string>> TickedOn() => Task.FromResult(state.State.TickedOn.ToList());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var here = silo.SiloAddress.ToString();
        if (state.State.TickedOn.Contains(here)) return;
        state.State.TickedOn.Add(here);
        await state.WriteStateAsync();
    }
}

public sealed class ProbeState
{
    public List<string> TickedOn { get; set; } = [];
}
