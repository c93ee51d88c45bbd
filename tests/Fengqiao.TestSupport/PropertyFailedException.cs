using Xunit.Sdk;

namespace Fengqiao.TestSupport;

/// <summary>Thrown when a property fails; the message names the replay seed.</summary>
public sealed class PropertyFailedException : XunitException
{
    /// <summary>Creates the exception.</summary>
    public PropertyFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
