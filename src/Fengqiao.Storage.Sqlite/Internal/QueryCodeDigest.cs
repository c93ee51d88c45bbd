using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The digest a query code is indexed (and named in event bodies) by: HMAC-SHA-256 under the county's key, or
/// SHA-256 without one, over the code's canonical text, as upper-case hex.</summary>
internal static class QueryCodeDigest
{
    public static Func<QueryCode, string> For(byte[]? key) => code =>
    {
        var text = Encoding.ASCII.GetBytes(code.ToString());
        return Convert.ToHexString(key is null ? SHA256.HashData(text) : HMACSHA256.HashData(key, text));
    };
}
