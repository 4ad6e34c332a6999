namespace Kring;

/// <summary>
/// The life of a village's bookings after the match: reminders a day before, and completion with the planned hours when
/// nobody reported within a week. Key: village id. Run every few minutes by the silos (Kring:Bookings:SweepInterval).
/// </summary>
[Alias("kring.IBookingsGrain")]
public interface IBookingsGrain : IGrainWithStringKey
{
    /// <summary>Returns how many reminders went to the outbox and how many bookings were completed as assumed.</summary>
    [Alias("Sweep")] Task<(int Reminded, int Completed)> Sweep();
}
