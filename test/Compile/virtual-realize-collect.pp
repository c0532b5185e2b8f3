# Virtual resources appear only when realized or collected; exported ones
# never reach the agent's catalog.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
@user { 'alice': uid => 1001 }
@user { 'bob': uid => 1002, tag => 'admins' }
@user { 'carol': uid => 1003 }
@@notify { 'exported': }
realize(User['alice'])
User <| tag == 'admins' |>
# CHECK-DAG: "title": "alice"
# CHECK-DAG: "title": "bob"
# CHECK-NOT: "title": "carol"
# CHECK-NOT: "title": "exported"
