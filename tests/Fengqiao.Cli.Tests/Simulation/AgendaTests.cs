using Fengqiao.Cli.Simulation;
using NodaTime;

namespace Fengqiao.Cli.Tests.Simulation;

public class AgendaTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 3, 0, 0);

    [Theory]
    [InlineData(3)]
    [InlineData(60)]
    public async Task AddDays_ARunOfDays_HoldsOneDayOfStepsAtATimeHoweverLongTheRun(int days)
    {
        const int perDay = 50;
        var agenda = new Agenda();
        var ran = 0;
        agenda.AddDays(Start, days, (_, dayStart) =>
        {
            for (var n = 0; n < perDay; n++)
            {
                agenda.Add(dayStart + Duration.FromMinutes(n * 17 % 1440), () => Task.FromResult(ran++));
            }
        });

        var sizes = new List<int>();
        while (agenda.TryTake(Start + Duration.FromDays(days), out _, out var step))
        {
            await step();
            sizes.Add(agenda.Count);
        }

        Assert.Equal(days * perDay, ran);
        Assert.Equal(perDay + 1, agenda.PeakCount); // one day's steps and the step that opens the next day
        Assert.All(sizes, size => Assert.InRange(size, 0, perDay + 1));
    }

    [Fact]
    public void AddDays_StepsAtTheSameInstantAsTheDaysEnd_RunInTheOrderAddingEveryDayUpFrontGives()
    {
        static List<string> Expected(int days)
        {
            var agenda = new Agenda();
            var order = new List<string>();
            for (var day = 0; day < days; day++)
            {
                Schedule(agenda, order, day, Start + Duration.FromDays(day));
            }

            return Drain(agenda, days, order);
        }

        var streamed = new Agenda();
        var streamedOrder = new List<string>();
        streamed.AddDays(Start, 4, (day, dayStart) => Schedule(streamed, streamedOrder, day, dayStart));

        Assert.Equal(Expected(4), Drain(streamed, 4, streamedOrder));
    }

    private static void Schedule(Agenda agenda, List<string> order, int day, Instant dayStart)
    {
        var lastTick = dayStart + Duration.FromDays(1) - Duration.FromTicks(1);
        agenda.Add(dayStart, () => Note(order, $"{day}: first"));
        agenda.Add(lastTick, () => Note(order, $"{day}: sweep"));
        agenda.Add(lastTick, () => Note(order, $"{day}: end of day"));
        agenda.Add(lastTick, () => Note(order, $"{day}: a case step"), caseNumber: 3);
        agenda.Add(dayStart + Duration.FromDays(1), () => Note(order, $"{day}: next day's first tick"));
    }

    private static List<string> Drain(Agenda agenda, int days, List<string> order)
    {
        while (agenda.TryTake(Start + Duration.FromDays(days + 1), out _, out var step))
        {
            step().GetAwaiter().GetResult();
        }

        return order;
    }

    private static Task Note(List<string> order, string what)
    {
        order.Add(what);
        return Task.CompletedTask;
    }
}
