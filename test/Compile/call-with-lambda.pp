# call() passes its arguments on to the named function; handing a lambda on
# as well is not supported, and says so rather than dropping the lambda.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
$r = call('each', [1, 2]) |$x| { notice($x) }
# CHECK: call-with-lambda.pp:4:6: error: {{.*}}call(): passing a lambda on to the called function is not supported by cppet
