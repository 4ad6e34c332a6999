namespace Kring;

/// <summary>This many failed sign-ins on one account within <see cref="Window"/>, from any clients, raise a security event.</summary>
public static class SignInAlarm
{
    public const int Failures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
}
