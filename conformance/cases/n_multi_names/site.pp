node 'db01.example.com', 'web01.example.com' { notify { 'multi': } }
node default { }
