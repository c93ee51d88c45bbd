namespace Fengqiao.Cli;

/// <summary>The <c>fengqiao</c> entry point.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return FengqiaoCli.Run(args, Console.Out, Console.Error);
    }
}
