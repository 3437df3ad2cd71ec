from werkset.manage import main

main()
