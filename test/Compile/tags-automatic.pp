# Resources are tagged with their type, valid titles, and enclosing classes.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
class app::web { notify { 'greeting': } }
include app::web
# CHECK: "type":"Notify","title":"greeting","tags":["notify","greeting","class","app::web","app","web"]
