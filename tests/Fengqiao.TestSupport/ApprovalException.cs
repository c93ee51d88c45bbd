using Xunit.Sdk;

namespace Fengqiao.TestSupport;

/// <summary>Thrown when received text differs from its approved file.</summary>
public sealed class ApprovalException : XunitException
{
    /// <summary>Creates the exception with the diff as its message.</summary>
    public ApprovalException(string message)
        : base(message)
    {
    }
}
