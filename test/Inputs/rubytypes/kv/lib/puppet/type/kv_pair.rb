Puppet::Type.newtype(:kv_pair) do
  @doc = 'A key in a section (test type with literal title patterns).'
  ensurable

  def self.title_patterns
    [
      [
        %r{^([^/]+)/(.+)$},
        [
          [:section],
          [:key],
        ],
      ],
      [
        /^(.+)$/i,
        [
          [:key],
        ],
      ],
    ]
  end

  newparam(:name)
  newparam(:section) do
    isnamevar
  end
  newparam(:key) do
    isnamevar
  end
  newproperty(:val)
end
