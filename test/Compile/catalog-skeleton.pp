# Every catalog has Stage[main], Class[Settings] and Class[main], with
# containment edges, and the settings class in `classes`.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
notify { 'hello': }
# CHECK: "tags": [
# CHECK: "name": "web1.example.com"
# CHECK: "catalog_format": 2
# CHECK: "environment": "production"
# CHECK-DAG: "type": "Stage"
# CHECK-DAG: "title": "Settings"
# CHECK-DAG: "source": "Stage[main]",
# CHECK-DAG: "target": "Class[main]"
# CHECK-DAG: "source": "Class[main]",
# CHECK-DAG: "target": "Notify[hello]"
# CHECK: "classes": [
# CHECK-NEXT: "settings"
