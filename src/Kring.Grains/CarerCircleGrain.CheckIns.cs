using Kring.Matching;

namespace Kring.Grains;

/// <summary>The carer's balance check-ins and the signals they raise for the coordinators.</summary>
public sealed partial class CarerCircleGrain
{
    public async Task<CheckIn> RecordCheckIn(IReadOnlyDictionary<string, int> answers, string by)
    {
        var profile = Profile;
        var errors = Balance.BalanceCheck.Validate(answers);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), nameof(answers));
        var now = clock.GetUtcNow();
        var today = AmsterdamDay(now);
        var madeToday = state.State.CheckIns.Count(c => AmsterdamDay(c.At) == today);
        if (madeToday >= limits.Value.CheckInsPerDay)
        {
            throw new LimitReachedException("Vandaag al ingevuld.",
                $"U heeft de balansvragen vandaag al {madeToday} keer ingevuld voor deze kring. Morgen kan het weer.");
        }
        var score = Balance.BalanceCheck.Score(answers);
        var checkIn = new CheckIn(now, new Dictionary<string, int>(answers), score, Balance.BalanceCheck.Level(score), by);
        var previous = state.State.CheckIns.LastOrDefault();
        state.State.CheckIns.Add(checkIn);
        state.State.Overloaded = checkIn.Level == BalanceLevel.Overloaded;
        await _writeBehind.WriteNow();

        var signals = GrainFactory.GetGrain<ISignalsGrain>(DirectoryKeys.Default);
        if (Balance.BalanceCheck.SignalReason(checkIn, previous) is { } reason)
        {
            await signals.Raise(new CarerSignal(profile.Id, profile.Village, reason, checkIn.Score, checkIn.Level, checkIn.At));
        }
        else
        {
            await signals.Clear(profile.Id);
        }
        await Village.TrackContact(profile.Id, checkIn.At);
        return checkIn;
    }

    public Task<IReadOnlyList<CheckIn>> GetCheckIns() => Task.FromResult<IReadOnlyList<CheckIn>>(state.State.CheckIns.ToList());

    public async Task<int> RemoveCheckIns(DateTimeOffset madeBefore)
    {
        var removed = state.State.CheckIns.RemoveAll(c => c.At < madeBefore);
        if (removed > 0) await _writeBehind.WriteNow();
        return removed;
    }

    private static DateOnly AmsterdamDay(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Availability.Amsterdam).DateTime);
}
