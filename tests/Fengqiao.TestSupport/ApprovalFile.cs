using System.Text;

namespace Fengqiao.TestSupport;

/// <summary>
/// Compares text with an approved file. On a difference it writes <c>*.received.txt</c> beside the approved file
/// and fails with a readable diff; running with <c>FENGQIAO_ACCEPT=1</c> accepts the received text instead.
/// </summary>
public static class ApprovalFile
{
    /// <summary>The environment variable that accepts received text as the new approved text.</summary>
    public const string AcceptVariable = "FENGQIAO_ACCEPT";

    /// <summary>Gets whether this run accepts differences (FENGQIAO_ACCEPT=1).</summary>
    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>Checks <paramref name="received"/> against the approved file.</summary>
    /// <param name="approvedPath">Full path of the <c>.approved.txt</c> file.</param>
    /// <param name="received">The text produced now.</param>
    /// <param name="what">What the text is, for the failure message (e.g. "Public API of Fengqiao.Sla").</param>
    public static void Verify(string approvedPath, string received, string what) =>
        Verify(approvedPath, received, what, Accepting);

    /// <summary>Checks <paramref name="received"/> against the approved file, accepting differences only when told to.</summary>
    /// <param name="approvedPath">Full path of the <c>.approved.txt</c> file.</param>
    /// <param name="received">The text produced now.</param>
    /// <param name="what">What the text is, for the failure message.</param>
    /// <param name="accept">Whether to accept a difference (write the approved file) instead of failing.</param>
    public static void Verify(string approvedPath, string received, string what, bool accept)
    {
        if (!approvedPath.EndsWith(".approved.txt", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Approved files end in .approved.txt: '{approvedPath}'.", nameof(approvedPath));
        }

        received = Normalise(received);
        var receivedPath = approvedPath[..^".approved.txt".Length] + ".received.txt";
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;

        if (approved == received)
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        if (accept)
        {
            File.WriteAllText(approvedPath, received, new UTF8Encoding(false));
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
        var message = new StringBuilder()
            .Append(what).Append(approved is null ? " has no approved file yet: " : " differs from ").AppendLine(approvedPath)
            .Append(LineDiff.Render(LineDiff.Changes(approved ?? "", received)))
            .Append("Received text written to ").AppendLine(receivedPath)
            .Append("If the change is intended, accept it: ").Append(AcceptVariable).Append("=1 dotnet test");
        throw new ApprovalException(message.ToString());
    }

    /// <summary>Normalises line endings to LF and drops one trailing newline, so editors cannot cause a failure.</summary>
    public static string Normalise(string text)
    {
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return s.EndsWith('\n') ? s[..^1] : s;
    }
}
