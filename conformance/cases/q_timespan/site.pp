# Timespan values and Timestamp/Timespan arithmetic: creation, string forms,
# comparison and the plain-JSON catalog encoding.
notify { 'values':
  message => [
    String(Timespan(3600)),
    String(Timespan('1-02:03:04')),
    String(Timespan(90.5)),
    String(type(Timespan(3600))),
    String(Timestamp('2020-01-01T00:00:00 UTC') + 3600),
    String(Timestamp('2020-01-01T00:00:00 UTC') - Timestamp('2019-12-31T00:00:00 UTC')),
    String(Timestamp('2020-01-01T00:00:00 UTC') - 60),
    String(Timestamp('2020-01-01T00:00:00 UTC') + Timespan(60)),
    String(Timespan(60) + Timespan(30)),
    String(Timespan(60) * 2),
    String(Timespan(60) < Timespan(61)),
    String(Timestamp('2020-01-01T00:00:00 UTC') < Timestamp('2020-01-02T00:00:00 UTC')),
    String(Timespan({days => 1, hours => 2})),
    String(Timespan('01:02:03')),
    String(Timespan(1) == Timespan(1.0)),
    String(Timespan(3600) / 2),
  ],
}
notify { 'raw': message => [Timespan(3600), Timespan('-0-00:00:05.0'), Timespan(1.5) =~ Timespan, Timespan(1) < Timespan(2)] }
