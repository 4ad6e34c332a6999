namespace Kring;

[GenerateSerializer, Alias("kring.RequestStatus")]
public enum RequestStatus
{
    Open = 0,
    Offered = 1,
    Matched = 2,
    Cancelled = 3,
    Expired = 4,
    Completed = 5,
}
