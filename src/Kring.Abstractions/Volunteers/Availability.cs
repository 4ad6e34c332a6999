namespace Kring;

/// <summary>A recurring weekly slot in Europe/Amsterdam wall-clock time.</summary>
[GenerateSerializer, Alias("kring.WeeklySlotDto")]
public sealed record WeeklySlotDto(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeOnly From,
    [property: Id(2)] TimeOnly To);

[GenerateSerializer, Alias("kring.AvailabilityDto")]
public sealed record AvailabilityDto(
    [property: Id(0)] IReadOnlyList<WeeklySlotDto> Weekly,
    [property: Id(1)] IReadOnlyList<DateOnly> DaysOff,
    [property: Id(2)] bool Paused);
