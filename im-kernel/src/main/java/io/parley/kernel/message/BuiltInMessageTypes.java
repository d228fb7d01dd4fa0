package io.parley.kernel.message;

import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import java.util.ArrayList;
import java.util.List;

/**
 * RongCloud's built-in {@code RC:} message types with their default persistence, per the server-API reference
 * §8, and the kernel's own {@code Parley:ExpansionChange}.
 */
final class BuiltInMessageTypes {
    static final List<MessageType> ALL;

    static {
        List<MessageType> all = new ArrayList<>();
        for (String name : List.of("RC:TxtMsg", "RC:ImgMsg", "RC:GIFMsg", "RC:VcMsg", "RC:HQVCMsg", "RC:ImgTextMsg",
                "RC:FileMsg", "RC:LBSMsg", "RC:SightMsg", "RC:ReferenceMsg", "RC:CombineMsg")) {
            all.add(new MessageType(name, MessageKind.COUNTED));
        }
        for (String name : List.of("RC:CmdNtf", "RC:ContactNtf", "RC:ProfileNtf", "RC:InfoNtf", "RC:GrpNtf",
                "RC:chrmKVNotiMsg", "RC:RcCmd", "RC:RcNtf", "RC:DizNtf", "Parley:ExpansionChange")) {
            all.add(new MessageType(name, MessageKind.STORED));
        }
        for (String name : List.of("RC:CmdMsg", "RC:TypSts", "RC:ReadNtf", "RC:RRReqMsg", "RC:RRRspMsg",
                "RC:SRSMsg")) {
            all.add(new MessageType(name, MessageKind.STATUS));
        }
        ALL = List.copyOf(all);
    }

    private BuiltInMessageTypes() {
    }
}
