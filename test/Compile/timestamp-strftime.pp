# Timestamp() is now; strftime formats it in UTC (apt's update.pp computes
# Integer(Timestamp().strftime('%s')) - 86400).
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
$now = Integer(Timestamp().strftime('%s'))
$fixed = Timestamp('2020-01-02T03:04:05.5 UTC')
notify { "recent ${$now > 1600000000}": }
notify { "fixed ${fixed.strftime('%Y-%m-%d %H:%M:%S %s %L')} ${fixed}": }
# CHECK: "title":"recent true"
# CHECK: "title":"fixed 2020-01-02 03:04:05 1577934245 500 2020-01-02T03:04:05.500000000 UTC"
